/**
 * An HTTP/1.1 server for DynamoDB's JSON 1.0 wire protocol, on Netty, serving a {@link
 * dev.dynakit.engine.DynakitEngine}: {@link dev.dynakit.server.DynakitServer} to embed it, {@link
 * dev.dynakit.server.Main} to run it from the command line. Any DynamoDB client (the AWS CLI,
 * boto3, every AWS SDK) can point its endpoint at it.
 */
package dev.dynakit.server;
