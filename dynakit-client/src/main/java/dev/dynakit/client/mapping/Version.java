package dev.dynakit.client.mapping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optimistic-locking version (a {@code long}, {@code Long}, {@code int} or {@code Integer}):
 * typed tables write 1 on create, add 1 on each write, and refuse a write or delete whose version
 * is not the stored one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Version {}
