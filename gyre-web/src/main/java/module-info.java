/**
 * Gyre's typed web framework: routes, parameter binding, validation, JSON, dependencies,
 * lifespan, middleware and background work on the Gyre server.
 */
module io.gyre.web {
    requires transitive io.gyre.server;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires transitive jakarta.validation;
    requires org.hibernate.validator;
    requires org.slf4j;
    requires java.logging;
    exports io.gyre.web;
    exports io.gyre.web.openapi;
}
