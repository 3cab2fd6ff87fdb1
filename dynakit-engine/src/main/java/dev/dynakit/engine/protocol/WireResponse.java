package dev.dynakit.engine.protocol;

/**
 * The engine's answer to one DynamoDB JSON 1.0 request: the HTTP status and the JSON body, whose
 * media type is always {@link JsonCodec#CONTENT_TYPE}. How it travels (headers, request id,
 * checksum, compression) is the caller's concern.
 *
 * @param status 200, or the status of DynamoDB's error
 * @param body the JSON body: the response, or DynamoDB's error body
 */
public record WireResponse(int status, byte[] body) {

  /** The answer to a request DynamoDB could not serve: its error's status and body. */
  public static WireResponse of(ErrorResponse error) {
    return new WireResponse(error.status(), error.body());
  }
}
