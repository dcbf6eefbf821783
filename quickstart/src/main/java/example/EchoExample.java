package example;

import io.uxp.api.Connection;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An echo server and a client over loopback UDP. */
public final class EchoExample {
    public static void main(String[] args) throws Exception {
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = UxpServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys))
                .handler(connection -> (c, data) -> c.send(data))       // echo every message back
                .start();
             UxpClient client = UxpClient.builder()
                .security(ClientSecurity.pinnedServerKey(keys.publicKey()))
                .build()) {
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            Connection connection = client.connect(server.localAddress(),
                    (c, data) -> replies.add(StandardCharsets.UTF_8.decode(data).toString()))
                    .get(10, TimeUnit.SECONDS);
            connection.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
            String reply = replies.poll(10, TimeUnit.SECONDS);
            System.out.println("reply: " + reply);                     // "reply: hello"
        }
    }
}
