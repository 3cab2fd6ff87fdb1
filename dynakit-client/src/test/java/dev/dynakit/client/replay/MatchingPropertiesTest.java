package dev.dynakit.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** A request matches whatever the order of its keys and whatever its ClientRequestToken. */
class MatchingPropertiesTest {
  @Property
  void theKeyOrderAndTheTokenDoNotChangeTheMatch(
      @ForAll @Size(min = 1, max = 8) @UniqueElements List<String> names,
      @ForAll long seed,
      @ForAll String tokenA,
      @ForAll String tokenB) {
    ObjectNode one = body(names, tokenA);
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, new Random(seed));
    ObjectNode other = body(shuffled, tokenB);

    assertThat(Exchanges.key("PutItem", other)).isEqualTo(Exchanges.key("PutItem", one));
    assertThat(Exchanges.key("UpdateItem", other)).isNotEqualTo(Exchanges.key("PutItem", one));
  }

  @Property
  void aDifferentValueIsADifferentRequest(
      @ForAll @Size(min = 1, max = 8) @UniqueElements List<String> names) {
    ObjectNode one = body(names, "t");
    ObjectNode changed = body(names, "t");
    ((ObjectNode) changed.get("Item")).put(names.get(0), "changed");

    assertThat(Exchanges.key("PutItem", changed)).isNotEqualTo(Exchanges.key("PutItem", one));
  }

  private static ObjectNode body(List<String> names, String token) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("ClientRequestToken", token);
    body.put("TableName", "t");
    ObjectNode item = body.putObject("Item");
    for (String name : names) {
      item.put(name, "v-" + name);
    }
    body.putArray("List").add(1).add(2);
    return body;
  }
}
