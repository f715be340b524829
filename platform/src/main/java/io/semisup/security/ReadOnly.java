package io.semisup.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method (or every method of a resource class) that changes nothing although its HTTP method is not a
 * read — classifying an image is a POST because the image is the body. {@link AuditLog} leaves it out: the audit
 * log records changes, and a line per classification would bury them (and cost the serving path a log write).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadOnly {
}
