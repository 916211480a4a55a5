/**
 * Test kits for Gyre apps: {@code TestClient} drives an app in process, without sockets;
 * {@code LiveServer} serves it on a real socket and sends the same requests over HTTP/1.1.
 */
package io.gyre.testing;
