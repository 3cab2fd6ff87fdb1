/**
 * Policy gates: {@link dev.dynakit.client.policy.Policy} ({@code allow_write} and the table
 * allow-list, enforced by an SDK interceptor on every request), {@link
 * dev.dynakit.client.policy.SecurityProfile} and the {@link
 * dev.dynakit.client.policy.AdapterManifest}.
 */
package dev.dynakit.client.policy;
