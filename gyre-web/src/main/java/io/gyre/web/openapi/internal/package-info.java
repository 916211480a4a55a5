/** Implementation of the OpenAPI document and the docs pages; not exported. */
package io.gyre.web.openapi.internal;
