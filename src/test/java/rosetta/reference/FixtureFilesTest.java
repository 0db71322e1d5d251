package rosetta.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture says who computed it, from which source, with which tolerance, and its arrays are whole. */
class FixtureFilesTest {

    static Stream<String> paths() {
        return Fixture.index().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void statesItsProvenance(String path) {
        Fixture f = Fixture.load(path);
        assertEquals(f.framework() + "/" + f.op() + "-" + f.caseName() + ".json", path);
        assertFalse(f.version().isBlank(), path + " names no version");
        assertFalse(f.source().isBlank(), path + " names no source");
        assertTrue(f.tolerance().atol() >= 0 && f.tolerance().rtol() >= 0, path + " tolerance");
        for (String array : f.arrayNames()) {
            assertEquals(f.shape(array).size(), f.values(array).length, path + " " + array + " size");
        }
    }

    @Test
    void theIndexCoversEveryFramework() {
        List<String> frameworks = paths().map(p -> p.substring(0, p.indexOf('/'))).distinct().sorted().toList();
        assertEquals(List.of("caffe2", "chainer", "cntk", "gluon", "keras", "lasagne", "mxnet", "pytorch", "tensorflow",
                "theano"), frameworks);
    }
}
