package dev.dynakit.client.mapping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Store an {@code Instant} as a number of whole seconds since the epoch, or a {@code Duration} as a
 * number of seconds, instead of ISO-8601 text.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface EpochSeconds {}
