package io.gyre.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.web.internal.Bodies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUnderRootTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(dir.resolve("public"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.txt"), "guide");
        Files.writeString(dir.resolve("secret.txt"), "secret");
    }

    private static Path served(WebResponse response) {
        assertThat(response.status()).isEqualTo(200);
        return ((Bodies.FileBody) response.body()).path();
    }

    private void assertRefused(String relativePath) {
        assertThatThrownBy(() -> WebResponse.file(root, relativePath)).as(relativePath)
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aFileUnderTheRootIsServedWithTheTypeOfItsName() throws IOException {
        WebResponse response = WebResponse.file(root, "docs/guide.txt");
        assertThat(served(response)).isEqualTo(root.resolve("docs/guide.txt").toRealPath());
        assertThat(response.headers().first("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(served(WebResponse.file(root, "docs/./x/../guide.txt"))).isEqualTo(root.resolve("docs/guide.txt").toRealPath());
    }

    @Test
    void dotSegmentsThatLeaveTheRootAreRefused() {
        assertRefused("../secret.txt");
        assertRefused("docs/../../secret.txt");
        assertRefused("..");
        assertRefused("../public-not/x");
        assertRefused("docs/..//../secret.txt");
    }

    @Test
    void absolutePathsAndNulsAreRefused() {
        assertRefused(dir.resolve("secret.txt").toString());
        assertRefused("/etc/passwd");
        assertRefused("docs/guide.txt\0.png");
        assertRefused("");
    }

    @Test
    void aSymlinkLeavingTheRootIsRefusedAndOneInsideIsServed() throws IOException {
        Files.createSymbolicLink(root.resolve("leak.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), dir);
        Files.createSymbolicLink(root.resolve("latest.txt"), root.resolve("docs/guide.txt"));
        assertRefused("leak.txt");
        assertRefused("outside/secret.txt");
        assertThat(served(WebResponse.file(root, "latest.txt"))).isEqualTo(root.resolve("docs/guide.txt").toRealPath());
    }

    @Test
    void aMissingFileUnderTheRootIsLeftToTheResponseWhichAnswers404() {
        assertThat(served(WebResponse.file(root, "docs/missing.txt"))).isEqualTo(root.resolve("docs/missing.txt"));
    }
}
