/**
 * DynamoDB's expression language: parsing, validation with DynamoDB's own messages, and evaluation
 * of condition, filter, key-condition, update and projection expressions.
 *
 * <p>Called by the engine (to plan and execute requests) and by the adapter (to check the
 * expressions it builds). Depends only on the AWS SDK's DynamoDB model.
 */
package dev.dynakit.expression;
