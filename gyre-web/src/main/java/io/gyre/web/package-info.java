/**
 * Gyre's typed web framework, the Starlette/FastAPI counterpart: plain Java methods with typed
 * parameters and records become HTTP routes with binding, validation, JSON, errors,
 * dependencies and lifespan.
 */
package io.gyre.web;
