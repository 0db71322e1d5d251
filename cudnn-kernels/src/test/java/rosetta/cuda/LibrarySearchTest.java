package rosetta.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibrarySearchTest {
    @TempDir
    Path dir;

    @Test
    void readsTheLinkerCacheForThisArchitectureOnly() {
        String output = """
                1234 libs found in cache `/etc/ld.so.cache'
                \tlibcudnn.so.9 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcudnn.so.9
                \tlibcuda.so.1 (libc6) => /usr/lib/i386-linux-gnu/libcuda.so.1
                \tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1
                """;
        assertEquals(Map.of("libcudnn.so.9", Path.of("/usr/lib/x86_64-linux-gnu/libcudnn.so.9"),
                "libcuda.so.1", Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1")), LibrarySearch.parseLdconfig(output));
    }

    @Test
    void searchesDirectoriesInOrderBeforeTheLinkerCache() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Files.writeString(second.resolve("libcudnn.so.9"), "");
        Files.writeString(first.resolve("libcudnn.so.9"), "");
        Files.writeString(dir.resolve("cached.so"), "");
        LibrarySearch search = new LibrarySearch(List.of(first, second),
                Map.of("libcublas.so.13", dir.resolve("cached.so")));
        assertEquals(Optional.of(first.resolve("libcudnn.so.9").toAbsolutePath()), search.find("libcudnn.so.9"));
        assertEquals(Optional.of(dir.resolve("cached.so")), search.find("libcublas.so.13"));
        assertEquals(Optional.empty(), search.find("libcuda.so.1"));
        assertTrue(search.describe().contains(first.toString()), search.describe());
    }

    @Test
    void findsTheLibraryFoldersOfNvidiaWheels() throws Exception {
        Path sitePackages = dir.resolve("site-packages");
        Path cudnn = Files.createDirectories(sitePackages.resolve("nvidia/cudnn/lib"));
        Path cu13 = Files.createDirectories(sitePackages.resolve("nvidia/cu13/lib"));
        Path torch = Files.createDirectories(sitePackages.resolve("torch/lib"));
        Files.createDirectories(sitePackages.resolve("nvidia/cudnn/include"));
        assertEquals(List.of(cu13, cudnn, torch), LibrarySearch.wheelDirectories(sitePackages));
    }

    @Test
    void listsCudaToolkitsNewestNameFirst() throws Exception {
        Files.createDirectories(dir.resolve("cuda-12.6"));
        Files.createDirectories(dir.resolve("cuda-13.0"));
        Files.createDirectories(dir.resolve("bin"));
        assertEquals(List.of(dir.resolve("cuda-13.0/lib64"), dir.resolve("cuda-13.0/targets/x86_64-linux/lib"),
                dir.resolve("cuda-12.6/lib64"), dir.resolve("cuda-12.6/targets/x86_64-linux/lib")),
                LibrarySearch.cudaToolkitDirectories(dir));
    }

    @Test
    void splitsColonSeparatedPaths() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), LibrarySearch.pathList("/a::/b:"));
        assertEquals(List.of(), LibrarySearch.pathList(null));
    }
}
