/**
 * Typed tables: {@link dev.dynakit.client.table.DynakitTable} reads and writes one mapped type with
 * create/update/upsert semantics, optimistic locking, expired-item hiding and lazily paged queries.
 * Built on {@link dev.dynakit.client.mapping}; used by the patterns and the document store.
 */
package dev.dynakit.client.table;
