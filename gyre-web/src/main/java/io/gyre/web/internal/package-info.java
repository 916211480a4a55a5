/** Implementation of gyre-web; not exported except to the test kit. */
package io.gyre.web.internal;
