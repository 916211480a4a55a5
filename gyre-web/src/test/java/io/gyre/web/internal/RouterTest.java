package io.gyre.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Router<String> router(String... methodAndPaths) {
        Router<String> router = new Router<>();
        for (String entry : methodAndPaths) {
            String[] parts = entry.split(" ");
            router.add(parts[0], PathTemplate.parse(parts[1], "test"), entry);
        }
        return router;
    }

    @Test
    void literalsWinOverParametersAndTypedKindsOverStrings() {
        Router<String> router = router("GET /items/new", "GET /items/{id:int}", "GET /items/{key}");
        assertThat(router.match("GET", List.of("items", "new"))).isEqualTo(new Router.Found<>("GET /items/new", Map.of()));
        assertThat(router.match("GET", List.of("items", "42")))
                .isEqualTo(new Router.Found<>("GET /items/{id:int}", Map.of("id", "42")));
        assertThat(router.match("GET", List.of("items", "pen")))
                .isEqualTo(new Router.Found<>("GET /items/{key}", Map.of("key", "pen")));
    }

    @Test
    void intSegmentsOutOfRangeFallBackToLong() {
        Router<String> router = router("GET /n/{a:int}", "GET /n/{b:long}");
        assertThat(router.match("GET", List.of("n", "99999999999")))
                .isEqualTo(new Router.Found<>("GET /n/{b:long}", Map.of("b", "99999999999")));
    }

    @Test
    void backtracksWhenADeeperSegmentDoesNotMatch() {
        Router<String> router = router("GET /a/{x}/c", "GET /a/b/d");
        assertThat(router.match("GET", List.of("a", "b", "c")))
                .isEqualTo(new Router.Found<>("GET /a/{x}/c", Map.of("x", "b")));
    }

    @Test
    void pathParametersTakeTheRest() {
        Router<String> router = router("GET /static/{file:path}");
        assertThat(router.match("GET", List.of("static", "css", "site.css")))
                .isEqualTo(new Router.Found<>("GET /static/{file:path}", Map.of("file", "css/site.css")));
        assertThat(router.match("GET", List.of("static"))).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void wrongMethodListsTheAllowedOnesWithHeadForGet() {
        Router<String> router = router("GET /x", "POST /x");
        assertThat(router.match("DELETE", List.of("x"))).isEqualTo(new Router.MethodNotAllowed<>(
                new java.util.TreeSet<>(List.of("GET", "HEAD", "POST"))));
        assertThat(router.match("HEAD", List.of("x"))).isEqualTo(new Router.Found<>("GET /x", Map.of()));
    }

    @Test
    void trailingSlashIsADifferentPath() {
        Router<String> router = router("GET /x");
        assertThat(router.match("GET", Router.segments("/x/"))).isInstanceOf(Router.NotFound.class);
        assertThat(Router.segments("/")).isEmpty();
        assertThat(Router.segments("/a%2Fb/c")).containsExactly("a/b", "c");
    }

    @Test
    void rawPathsFindWhatTheirDecodedSegmentsFind() {
        Router<String> router = router("GET /", "GET /items/new", "POST /items/new", "GET /items/{key}", "GET /a%20b",
                "GET /static/{file:path}");
        for (String raw : List.of("/", "/items/new", "/items/pen", "/items/new/", "/items%2Fnew", "/items/ne%77",
                "/a%20b", "/a%2520b", "/static/css/site.css", "/nowhere", "//items/new")) {
            for (String method : List.of("GET", "HEAD", "POST", "DELETE")) {
                assertThat(router.match(method, raw)).as(method + " " + raw)
                        .isEqualTo(router.match(method, Router.segments(raw)));
            }
        }
        assertThat(router.match("GET", "/items/ne%77")).isEqualTo(new Router.Found<>("GET /items/new", Map.of()));
        assertThat(router.match("HEAD", "/items/new")).isEqualTo(new Router.Found<>("GET /items/new", Map.of()));
        assertThat(router.match("DELETE", "/items/new")).isEqualTo(new Router.MethodNotAllowed<>(
                new java.util.TreeSet<>(List.of("GET", "HEAD", "POST"))));
        assertThat(router.match("GET", "/items/new/")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void aOneSegmentParameterDoesNotMatchASegmentWithAnEncodedSlash() {
        Router<String> router = router("GET /files/{name}", "GET /n/{id:int}");
        assertThat(router.match("GET", "/files/..%2F..%2Fetc%2Fpasswd")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/files/a%2fb")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", List.of("files", "a/b"))).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/files/a%20b.txt"))
                .isEqualTo(new Router.Found<>("GET /files/{name}", Map.of("name", "a b.txt")));
        assertThat(router.match("GET", "/files/..")).isEqualTo(new Router.Found<>("GET /files/{name}", Map.of("name", "..")));
    }

    @Test
    void anEncodedSlashFallsThroughToAPathParameterThatKeepsItAndDotSegmentsAsSent() {
        Router<String> router = router("GET /files/{name}", "GET /files/{rest:path}");
        assertThat(router.match("GET", "/files/a%2Fb"))
                .isEqualTo(new Router.Found<>("GET /files/{rest:path}", Map.of("rest", "a/b")));
        assertThat(router.match("GET", "/files/../../etc/passwd"))
                .isEqualTo(new Router.Found<>("GET /files/{rest:path}", Map.of("rest", "../../etc/passwd")));
        assertThat(router.match("GET", "/files/plain.txt"))
                .isEqualTo(new Router.Found<>("GET /files/{name}", Map.of("name", "plain.txt")));
    }

    @Test
    void sameShapeAndMethodIsRejectedButNamesMayDifferPerRoute() {
        assertThatThrownBy(() -> router("GET /x/{a}", "GET /x/{b}")).hasMessageContaining("two routes for GET");
        Router<String> router = router("GET /x/{a}/y", "GET /x/{b}/z", "POST /x/{c}/y");
        assertThat(router.match("GET", List.of("x", "1", "z"))).isEqualTo(new Router.Found<>("GET /x/{b}/z", Map.of("b", "1")));
        assertThat(router.match("POST", List.of("x", "2", "y"))).isEqualTo(new Router.Found<>("POST /x/{c}/y", Map.of("c", "2")));
    }

    @Test
    void templatesAreCheckedWhenParsed() {
        assertThatThrownBy(() -> PathTemplate.parse("items", "r")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x:float}", "r")).hasMessageContaining("unknown parameter type");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{p:path}/b", "r")).hasMessageContaining("must be the last");
        assertThatThrownBy(() -> PathTemplate.parse("/a/x{y}", "r")).hasMessageContaining("whole segment");
        assertThat(PathTemplate.parse("/a/{id:long}/{rest:path}", "r").expand(Map.of("id", 3, "rest", "b c/d")))
                .isEqualTo("/a/3/b%20c/d");
        assertThat(PathTemplate.join("/items/", "")).isEqualTo("/items");
    }
}
