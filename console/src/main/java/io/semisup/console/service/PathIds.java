package io.semisup.console.service;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources whose path parameters are ids (a dataset, a job, an image hash, a report file) that become one
 * segment of a service's path: {@link PathIdCheck} checks them all before the resource sees them.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PathIds {
}
