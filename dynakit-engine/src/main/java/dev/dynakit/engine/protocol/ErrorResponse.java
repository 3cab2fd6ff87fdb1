package dev.dynakit.engine.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A DynamoDB JSON 1.0 error: its HTTP status and body, in the form DynamoDB Local sends.
 *
 * <pre>{@code
 * ErrorResponse error = ErrorResponse.of("ResourceNotFoundException", "Requested resource not found");
 * error.status(); // 400
 * error.body();   // {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
 *                 //  "Message":"Requested resource not found"}
 * }</pre>
 *
 * @param code the error code, e.g. {@code ValidationException}
 * @param message the human-readable message
 * @param status the HTTP status: 500 for {@code InternalServerError} and {@code InternalFailure},
 *     503 for {@code ServiceUnavailable}, 400 otherwise
 */
public record ErrorResponse(String code, String message, int status) {

  /** The {@code __type} prefix of {@code ValidationException}. */
  static final String VALIDATE_PREFIX = "com.amazon.coral.validate#";

  /** The {@code __type} prefix of {@code SerializationException}, as DynamoDB sends it. */
  static final String CORAL_SERVICE_PREFIX = "com.amazon.coral.service#";

  /** The {@code __type} prefix of every other DynamoDB error. */
  static final String SERVICE_PREFIX = "com.amazonaws.dynamodb.v20120810#";

  private static final JsonFactory FACTORY = new JsonFactory();

  /** An error with the status its code implies. */
  public static ErrorResponse of(String code, String message) {
    int status =
        switch (code) {
          case "InternalServerError", "InternalFailure" -> 500;
          case "ServiceUnavailable" -> 503;
          default -> 400;
        };
    return new ErrorResponse(code, message, status);
  }

  /** The {@code SerializationException} DynamoDB answers for a body it cannot read. */
  public static ErrorResponse of(JsonCodec.MalformedException e) {
    return of("SerializationException", e.getMessage());
  }

  /** What DynamoDB answers for an {@code X-Amz-Target} that names no operation. */
  public static ErrorResponse unknownOperation() {
    return of("UnknownOperationException", "An unknown operation was requested.");
  }

  /** The {@code __type} member: the code with its namespace prefix. */
  public String type() {
    String prefix =
        switch (code) {
          case "ValidationException" -> VALIDATE_PREFIX;
          case "SerializationException" -> CORAL_SERVICE_PREFIX;
          default -> SERVICE_PREFIX;
        };
    return prefix + code;
  }

  /** The JSON body. */
  public byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("__type", type());
      if (message != null) {
        generator.writeStringField("Message", message);
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
