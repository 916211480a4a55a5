package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The HTML of the Swagger UI and ReDoc pages. Values are escaped for HTML and for scripts. */
final class DocsPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DocsPages() {
    }

    /**
     * The Swagger UI page.
     *
     * @param title the app's title
     * @param assets the URL prefix of the Swagger UI files, ending with {@code /}
     * @param openApiUrl the document's URL, root path included
     * @param oauth2RedirectUrl the OAuth2 redirect page's URL, root path included
     */
    static String swaggerUi(String title, String assets, String openApiUrl, String oauth2RedirectUrl) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s - Swagger UI</title>
                <link rel="stylesheet" href="%2$sswagger-ui.css">
                <link rel="icon" type="image/png" href="%2$sfavicon-32x32.png">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="%2$sswagger-ui-bundle.js" charset="utf-8"></script>
                <script>
                window.ui = SwaggerUIBundle({
                  url: %3$s,
                  dom_id: "#swagger-ui",
                  layout: "BaseLayout",
                  deepLinking: true,
                  showExtensions: true,
                  showCommonExtensions: true,
                  validatorUrl: null,
                  oauth2RedirectUrl: window.location.origin + %4$s,
                  presets: [SwaggerUIBundle.presets.apis]
                });
                </script>
                </body>
                </html>
                """.formatted(html(title), html(assets), script(openApiUrl), script(oauth2RedirectUrl));
    }

    /**
     * The ReDoc page. Its policy keeps images and fonts local: ReDoc's attribution logo would
     * otherwise be fetched from a CDN.
     *
     * @param title the app's title
     * @param script the URL of {@code redoc.standalone.js}
     * @param openApiUrl the document's URL, root path included
     */
    static String redoc(String title, String script, String openApiUrl) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="Content-Security-Policy" content="img-src 'self' data: blob:; font-src 'self' data:">
                <title>%1$s - ReDoc</title>
                <style>body { margin: 0; padding: 0; }</style>
                </head>
                <body>
                <div id="redoc"></div>
                <script src="%2$s" charset="utf-8"></script>
                <script>
                Redoc.init(%3$s, {}, document.getElementById("redoc"));
                </script>
                </body>
                </html>
                """.formatted(html(title), html(script), script(openApiUrl));
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A JavaScript string literal that cannot end the script element. */
    static String script(String text) {
        try {
            return JSON.writeValueAsString(text).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("internal error: cannot quote " + text + " (please report)", e);
        }
    }
}
