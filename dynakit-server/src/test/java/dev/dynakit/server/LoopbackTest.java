package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A server given no host listens on the loopback interface only: its socket is bound to a loopback
 * address, and a connection to the machine's other address is refused while one to 127.0.0.1 is
 * answered.
 */
class LoopbackTest {
  /** An IPv4 address of this machine that is not loopback, if it has one. */
  static Optional<InetAddress> otherAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  /** Connects to {@code address:port} and returns whether it was accepted. */
  static boolean accepts(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), RawHttp.TIMEOUT_MILLIS);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  @Test
  void aServerGivenNoHostListensOnLoopbackOnly() throws IOException {
    try (DynakitServer server = DynakitServer.builder().port(0).build().start()) {
      assertThat(server.host()).isEqualTo("127.0.0.1");
      assertThat(server.boundAddress().getAddress().isLoopbackAddress()).isTrue();
      assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(accepts(InetAddress.getLoopbackAddress(), server.port())).isTrue();
      Optional<InetAddress> other = otherAddress();
      Assumptions.assumeTrue(
          other.isPresent(),
          "this machine has no non-loopback IPv4 address to try the server's port on");
      assertThat(accepts(other.get(), server.port()))
          .as("a connection to %s:%d", other.get().getHostAddress(), server.port())
          .isFalse();
    }
  }

  @Test
  void theCommandLineListensOnLoopbackUnlessToldOtherwise() {
    assertThat(Main.parse("--port", "0").host()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> DynakitServer.builder().build().boundAddress())
        .hasMessage("the server is not started");
  }
}
