package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesCanonicalTest {

  @Test
  void numbersAreTrimmedAtEveryDepth() {
    Map<String, AttributeValue> item =
        Map.of(
            "n", AttributeValue.fromN("01.50"),
            "ns", AttributeValue.fromNs(List.of("1E+2", "-0")),
            "l", AttributeValue.fromL(List.of(AttributeValue.fromN("2.000"))),
            "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("+3"))),
            "s", AttributeValue.fromS("01.50"));
    assertThat(AttributeValues.canonical(item))
        .containsEntry("n", AttributeValue.fromN("1.5"))
        .containsEntry("ns", AttributeValue.fromNs(List.of("100", "0")))
        .containsEntry("l", AttributeValue.fromL(List.of(AttributeValue.fromN("2"))))
        .containsEntry("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("3"))))
        .containsEntry("s", AttributeValue.fromS("01.50"));
  }
}
