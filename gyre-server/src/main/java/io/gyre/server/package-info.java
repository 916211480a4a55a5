/**
 * Gyre's HTTP/1.1 server: the Uvicorn counterpart.
 */
package io.gyre.server;
