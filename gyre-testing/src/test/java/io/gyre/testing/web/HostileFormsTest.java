package io.gyre.testing.web;

import io.gyre.testing.TestClient;
import io.gyre.web.Form;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Form bodies that browsers send rarely and attackers often, compared with what Starlette does. */
class HostileFormsTest {
    @Routes
    public static final class Echo {
        @Post("/fields")
        public String fields(@Form List<String> a) {
            return a.size() + ":" + String.join(",", a.subList(0, Math.min(3, a.size())));
        }

        @Post("/files")
        public String files(List<UploadedFile> f, @Form List<String> a) {
            return f.size() + ":" + a.size() + ":" + (f.isEmpty() ? "-" : f.getFirst().filename().orElse("?"));
        }
    }

    private static final String MULTIPART = "multipart/form-data; boundary=B";

    private static TestClient client() {
        return TestClient.open(WebApp.builder("Hostile", "1").routes(Echo.class).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String part(String disposition, String content) {
        return "--B\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + content + "\r\n";
    }

    @Test
    void aQuotedFilenameMayContainASemicolon() {
        try (TestClient client = client()) {
            client.post("/files").body(bytes(part("name=\"f\"; filename=\"a;b \\\"c\\\".txt\"", "x") + "--B--\r\n"),
                    MULTIPART).send().assertStatus(200).assertText("1:0:a;b \"c\".txt");
        }
    }

    @Test
    void anExtendedFilenameIsDecodedAndPreferred() {
        try (TestClient client = client()) {
            client.post("/files").body(bytes(part("name=\"f\"; filename=\"naive.txt\"; filename*=UTF-8''na%C3%AFve.txt",
                    "x") + "--B--\r\n"), MULTIPART).send().assertStatus(200).assertText("1:0:na\u00efve.txt");
            client.post("/files").body(bytes(part("name=\"f\"; filename*=utf-8''%E2%82%AC.txt", "x") + "--B--\r\n"),
                    MULTIPART).send().assertStatus(200).assertText("1:0:\u20ac.txt");
        }
    }

    @Test
    void transportPaddingAfterABoundaryLineIsAllowed() {
        try (TestClient client = client()) {
            client.post("/fields").body(bytes("--B \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
                    + "--B\t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ny\r\n--B--  \r\n"), MULTIPART)
                    .send().assertStatus(200).assertText("2:x,y");
        }
    }

    @Test
    void anEmptyMultipartBodyIsAnEmptyForm() {
        try (TestClient client = client()) {
            client.post("/files").body(new byte[0], MULTIPART).send().assertStatus(200).assertText("0:0:-");
        }
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsRefusedSayingSo() {
        try (TestClient client = client()) {
            client.post("/fields").body(bytes(part("name=\"a\"", "x")), MULTIPART).send().assertStatus(400)
                    .assertJson("/detail", "There was an error parsing the multipart body: the body ended inside a part, before the"
                            + " closing boundary '--B--'");
        }
    }

    @Test
    void aBoundaryLongerThanSeventyCharactersIsRefusedSayingSo() {
        String boundary = "x".repeat(71);
        try (TestClient client = client()) {
            client.post("/fields").body(bytes("--" + boundary + "--\r\n"), "multipart/form-data; boundary=" + boundary)
                    .send().assertStatus(400).assertJson("/detail", "There was an error parsing the multipart body:"
                            + " the boundary is 71 characters long; RFC 2046 allows at most 70");
        }
    }

    @Test
    void tooManyUrlencodedFieldsAreRefusedNamingTheLimit() {
        StringBuilder body = new StringBuilder("a=0");
        for (int i = 1; i < 1001; i++) {
            body.append("&a=").append(i);
        }
        try (TestClient client = client()) {
            client.post("/fields").body(bytes(body.toString()), "application/x-www-form-urlencoded").send()
                    .assertStatus(400).assertJson("/detail", "There was an error parsing the form body: more than 1000"
                            + " fields; raise WebApp.Builder.maxFormFields(...) if such forms are expected");
            client.post("/fields").body(bytes(body.substring(0, body.lastIndexOf("&"))),
                    "application/x-www-form-urlencoded").send().assertStatus(200).assertText("1000:0,1,2");
        }
    }

    @Test
    void fieldsAndFilesAreCountedSeparatelyAsInStarlette() {
        String both = (part("name=\"f\"; filename=\"a\"", "x") + part("name=\"a\"", "y")).repeat(1000);
        try (TestClient client = client()) {
            client.post("/files").body(bytes(both + "--B--\r\n"), MULTIPART).send().assertStatus(200)
                    .assertText("1000:1000:a");
            client.post("/files").body(bytes(both + part("name=\"f\"; filename=\"a\"", "x") + "--B--\r\n"), MULTIPART)
                    .send().assertStatus(400).assertJson("/detail", "There was an error parsing the multipart body:"
                            + " more than 1000 files; raise WebApp.Builder.maxFormFiles(...) if such forms are expected");
            client.post("/files").body(bytes(both + part("name=\"a\"", "x") + "--B--\r\n"), MULTIPART)
                    .send().assertStatus(400).assertJson("/detail", "There was an error parsing the multipart body:"
                            + " more than 1000 fields; raise WebApp.Builder.maxFormFields(...) if such forms are expected");
        }
    }
}
