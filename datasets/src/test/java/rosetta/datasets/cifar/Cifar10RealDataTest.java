package rosetta.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import rosetta.datasets.Split;
import rosetta.datasets.testing.Archives;
import rosetta.datasets.testing.SharedData;
import rosetta.tensor.testing.Tolerance;

/**
 * The real CIFAR-10 (the lossy JPEG copy in ../shared/data, converted to the binary layout by its own
 * {@code MakeCifarBinary.java}). The conversion takes about 20 s, so its output is kept in
 * {@code target/cifar-10-jpeg75-bin} and reused while its checksums match.
 */
class Cifar10RealDataTest {

    @Test
    void readsAllSixtyThousandImagesInTheOriginalOrder() throws Exception {
        Path folder = converted();
        Split split = Cifar10.load(folder);
        assertEquals(50_000, split.train().size());
        assertEquals(10_000, split.test().size());
        // the copy keeps data_batch_1..5 and the first 1,000 test images in the original order
        assertEquals(6, split.train().label(0), "the first training image is a frog");
        assertEquals(3, split.test().label(0), "the first test image is a cat");
        int[] perClass = new int[10];
        for (int i = 0; i < split.train().size(); i++) {
            perClass[split.train().label(i)]++;
        }
        assertEquals(List.of(5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000),
                Arrays.stream(perClass).boxed().toList());
        // CIFAR-10's channel means are 0.4914, 0.4822, 0.4465; JPEG at quality 75 keeps them within 0.005
        double[] mean = channelMeans(split);
        Tolerance.of(0.005, 0).assertClose(new double[] {0.4914, 0.4822, 0.4465}, mean, "channel means");
    }

    @Test
    void theArchiveAndTheFolderReadTheSame() throws Exception {
        Path folder = converted();
        Path archive = SharedData.buildDir().resolve("cifar-10-jpeg75-bin.tar.gz");
        if (!Files.exists(archive)) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (String name : CifarBatches.FILES) {
                entries.put(Cifar10.FOLDER + "/" + name, Files.readAllBytes(folder.resolve(name)));
            }
            Path partial = Files.createTempFile(archive.getParent(), "cifar", ".tar.gz");
            // stored, not deflated: the test is about streaming 30 MB entries, and deflating them takes 15 s
            Archives.writeTarGz(partial, entries, Deflater.NO_COMPRESSION);
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        }
        Split fromArchive = Cifar10.load(archive);
        Split fromFolder = Cifar10.load(folder);
        float[] a = new float[3072];
        float[] b = new float[3072];
        for (int i : new int[] {0, 9_999, 10_000, 49_999}) {
            fromArchive.train().copyExample(i, a, 0);
            fromFolder.train().copyExample(i, b, 0);
            assertTrue(Arrays.equals(a, b), "training image " + i);
            assertEquals(fromFolder.train().label(i), fromArchive.train().label(i));
        }
    }

    private static double[] channelMeans(Split split) {
        double[] sum = new double[3];
        float[] image = new float[3072];
        for (int i = 0; i < split.train().size(); i++) {
            split.train().copyExample(i, image, 0);
            for (int k = 0; k < image.length; k++) {
                sum[k / 1024] += image[k];
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= 1024.0 * split.train().size();
        }
        return sum;
    }

    /** The binary files converted from the shared JPEG copy, checked against its SHA256SUMS.binary. */
    private static Path converted() throws IOException, InterruptedException {
        Path jpeg = SharedData.require("cifar-10-jpeg75/cifar-10-jpeg75.tar.gz");
        Path out = SharedData.buildDir().resolve("cifar-10-jpeg75-bin");
        List<String> sums = Files.readAllLines(jpeg.resolveSibling("SHA256SUMS.binary"));
        synchronized (Cifar10RealDataTest.class) {
            if (!matches(out, sums)) {
                convert(jpeg, out);
            }
        }
        assertTrue(matches(out, sums), "the converted files differ from SHA256SUMS.binary");
        return out;
    }

    private static void convert(Path jpeg, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        Path partial = Files.createTempDirectory(out.getParent(), "cifar-10-jpeg75-bin");
        Path log = out.getParent().resolve("cifar-10-jpeg75-bin.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jpeg.resolveSibling("MakeCifarBinary.java").toString(), jpeg.toString(), partial.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "MakeCifarBinary did not finish; see " + log);
        assertEquals(0, p.exitValue(), "MakeCifarBinary failed; see " + log);
        if (Files.exists(out)) {
            try (var old = Files.list(out)) {
                for (Path f : (Iterable<Path>) old::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(out);
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
    }

    /** True if every file listed in {@code sums} ("hex  name" lines) is in {@code dir} with that SHA-256. */
    private static boolean matches(Path dir, List<String> sums) throws IOException {
        for (String line : sums) {
            String[] parts = line.trim().split("\\s+");
            Path file = dir.resolve(parts[1]);
            if (!Files.isRegularFile(file) || !parts[0].equals(sha256(file))) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
