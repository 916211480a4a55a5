package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUnderRootLinksTest {
    @TempDir
    Path dir;

    @Test
    void linksLeadingOutAreFollowedOnlyWhenAskedAndDotDotNever() throws IOException {
        Path root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        try {
            Files.createSymbolicLink(root.resolve("leak.txt"), dir.resolve("secret.txt"));
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeThat(false).as("symbolic links are not available here: " + e).isTrue();
        }
        assertThat(FileUnderRoot.resolve(root, "leak.txt", false)).isEmpty();
        assertThat(FileUnderRoot.resolve(root, "leak.txt", true)).get()
                .extracting(FileUnderRoot.Accepted::served).isEqualTo(root.resolve("leak.txt"));
        assertThat(FileUnderRoot.resolve(root, "../secret.txt", true)).isEmpty();
        assertThat(FileUnderRoot.resolve(root, "", true)).isEmpty();
    }
}
