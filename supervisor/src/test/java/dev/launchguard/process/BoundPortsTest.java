package dev.launchguard.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundPortsTest {

    @Test
    void readsListenAndUnconnectedUdpRowsOnly() {
        String listen = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1";
        String established = "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1";
        String udp = "  12: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 3 2";
        assertThat(BoundPorts.bound(listen, List.of(8080))).isTrue();
        assertThat(BoundPorts.bound(listen, List.of(8081))).isFalse();
        assertThat(BoundPorts.bound(established, List.of(8080))).as("a connection is not a listener").isFalse();
        assertThat(BoundPorts.bound(udp, List.of(68))).isTrue();
        assertThat(BoundPorts.bound("  sl  local_address rem_address   st", List.of(8080))).isFalse();
    }

    @Test
    void seesARealListenerAndItsAbsence() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertThat(BoundPorts.anyBound(List.of(port))).isTrue();
            // A client connection to it is not a second listener, and does not count once closed.
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(client.isConnected()).isTrue();
            }
        }
        assertThat(BoundPorts.anyBound(List.of(port))).isFalse();
        assertThat(BoundPorts.anyBound(List.of())).isFalse();
    }

    @Test
    void seesABoundUdpSocket() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(BoundPorts.anyBound(List.of(socket.getLocalPort()))).isTrue();
        }
    }
}
