/**
 * OpenAPI 3.1 for Gyre web apps: the document generated from the routes
 * ({@link io.gyre.web.openapi.OpenApi#generate}), its configuration
 * ({@link io.gyre.web.openapi.OpenApiConfig}: {@code /openapi.json}, the {@code /docs} and
 * {@code /redoc} pages served from bundled assets), and {@link io.gyre.web.openapi.ApiResponse}
 * for documenting error answers.
 */
package io.gyre.web.openapi;
