/**
 * Test kits for Gyre apps: {@code TestClient} drives an app in process, without sockets.
 */
package io.gyre.testing;
