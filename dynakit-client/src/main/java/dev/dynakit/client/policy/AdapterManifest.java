package dev.dynakit.client.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's manifest, read from the resource {@value #RESOURCE}: what a runtime needs to know
 * before enabling it (privilege tier, whether it is destructive, network-facing, sandbox-safe) and
 * the verbs it offers.
 */
public final class AdapterManifest {
  /** The class-path resource holding the manifest. */
  public static final String RESOURCE = "/dev/dynakit/client/adapter_manifest.json";

  private final String name;
  private final String privilegeTier;
  private final boolean destructive;
  private final boolean networkFacing;
  private final boolean sandboxSafe;
  private final List<String> verbs;
  private final List<String> reservedVerbs;
  private final List<String> writeVerbs;

  private AdapterManifest(JsonNode json) {
    this.name = required(json, "name").asText();
    this.privilegeTier = required(json, "privilege_tier").asText();
    this.destructive = required(json, "destructive").asBoolean();
    this.networkFacing = required(json, "network_facing").asBoolean();
    this.sandboxSafe = required(json, "sandbox_safe").asBoolean();
    this.verbs = strings(required(json, "verbs"));
    this.reservedVerbs = strings(required(json, "reserved_verbs"));
    this.writeVerbs = strings(required(json, "write_verbs"));
  }

  /** Reads the manifest from the class path. */
  public static AdapterManifest load() {
    try (InputStream in = AdapterManifest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      return new AdapterManifest(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null) {
      throw new IllegalStateException(RESOURCE + " has no '" + field + "'");
    }
    return value;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(element -> values.add(element.asText()));
    return List.copyOf(values);
  }

  /** The adapter's name, {@code dynamodb}. */
  public String name() {
    return name;
  }

  /** The privilege tier, {@code network}. */
  public String privilegeTier() {
    return privilegeTier;
  }

  /** Whether the adapter can destroy data (it can: writes, deletes, control plane). */
  public boolean destructive() {
    return destructive;
  }

  /** Whether the adapter talks over the network. */
  public boolean networkFacing() {
    return networkFacing;
  }

  /** Whether the adapter may run in a compute-and-store sandbox (it may not). */
  public boolean sandboxSafe() {
    return sandboxSafe;
  }

  /** The verbs {@code Dynakit.call} answers. */
  public List<String> verbs() {
    return verbs;
  }

  /**
   * The verbs dynakit-streams adds when it is on the class path ({@code streams.subscribe}, ...).
   */
  public List<String> reservedVerbs() {
    return reservedVerbs;
  }

  /** The verbs that need {@code allow_write}. */
  public List<String> writeVerbs() {
    return writeVerbs;
  }

  @Override
  public String toString() {
    return "AdapterManifest["
        + name
        + ", privilege_tier="
        + privilegeTier
        + ", verbs="
        + verbs
        + "]";
  }
}
