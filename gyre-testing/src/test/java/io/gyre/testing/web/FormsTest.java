package io.gyre.testing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.testing.TestClient;
import io.gyre.web.Form;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebApp;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FormsTest {
    static final AtomicReference<UploadedFile> LAST = new AtomicReference<>();

    @Routes
    public static final class Forms {
        @Post("/login")
        public String login(@Form String username, @Form Optional<String> remember, @Form @Min(1) int attempts) {
            return username + ":" + remember.orElse("-") + ":" + attempts;
        }

        @Post("/upload")
        public String upload(@Form String title, UploadedFile file, List<UploadedFile> extra) {
            LAST.set(file);
            return title + ":" + file.filename().orElse("?") + ":" + file.size() + ":" + file.onDisk() + ":" + extra.size()
                    + ":" + new String(file.bytes(), StandardCharsets.UTF_8).substring(0, 3);
        }
    }

    static byte[] multipart(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void urlencodedFieldsAreBoundAndValidated() {
        try (TestClient client = TestClient.open(WebApp.builder("Forms", "1").routes(Forms.class).build())) {
            client.post("/login").body("username=ann+lee&attempts=2".getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded").send().assertStatus(200).assertText("ann lee:-:2");
            client.post("/login").body("attempts=0".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                    .send().assertStatus(422)
                    .assertJson("/detail/0/loc", List.of("body", "username")).assertJson("/detail/0/type", "missing")
                    .assertJson("/detail/1/loc", List.of("body", "attempts"));
        }
    }

    @Test
    void multipartUploadsSpillToDiskAndAreDeletedAfterTheResponse() throws Exception {
        WebApp app = WebApp.builder("Uploads", "1").routes(Forms.class).uploadMemoryThreshold(16).build();
        byte[] body = multipart("B0undary",
                "Content-Disposition: form-data; name=\"title\"\r\n\r\nreport",
                "Content-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                        + "a,b\n".repeat(20),
                "Content-Disposition: form-data; name=\"extra\"; filename=\"x.bin\"\r\n\r\nxx");
        try (TestClient client = TestClient.open(app)) {
            client.post("/upload").body(body, "multipart/form-data; boundary=B0undary").send().assertStatus(200)
                    .assertText("report:r.csv:80:true:1:a,b");
            assertThat(LAST.get().onDisk()).isTrue();
            assertThatThrownBy(() -> LAST.get().open()).isInstanceOf(java.io.IOException.class);
            client.post("/upload").body(multipart("B", "Content-Disposition: form-data; name=\"title\"\r\n\r\nx"),
                    "multipart/form-data; boundary=B").send().assertStatus(422)
                    .assertJson("/detail/0/loc", List.of("body", "file"));
            client.post("/upload").body("--B\r\nbroken".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=B")
                    .send().assertStatus(400);
        }
    }
}
