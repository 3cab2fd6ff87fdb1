/**
 * The machinery behind {@code dev.dynakit.expression}: lexer, parser, reserved words, binding and
 * evaluation. Nothing here is API; only {@code dev.dynakit.expression} may call it.
 */
package dev.dynakit.expression.internal;
