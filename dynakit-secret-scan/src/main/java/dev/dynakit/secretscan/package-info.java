/**
 * Test support that proves secrets stay secret: {@link dev.dynakit.secretscan.ScanForSecrets} on a
 * test class captures what the code under test emits and fails the class if a configured secret
 * appears in any of it, as is or encoded.
 */
package dev.dynakit.secretscan;
