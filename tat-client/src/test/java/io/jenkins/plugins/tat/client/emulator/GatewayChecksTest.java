package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the service checks before any action, and the HTTP framing the emulator must handle:
 * version, action, region, body, absolute-form request lines, chunked bodies, a JDK client that is
 * not pinned to HTTP/1.1.
 */
class GatewayChecksTest extends EmulatorTestSupport {

    private RawTatClient raw() {
        return new RawTatClient(emu);
    }

    @Test
    void otherApiVersionIsNoSuchVersion() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("DescribeCommands", "{}").header("X-TC-Version", "2017-03-12");

        assertThat(raw().send(call).errorCode()).isEqualTo("NoSuchVersion");
    }

    @Test
    void missingApiVersionIsMissingParameter() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("DescribeCommands", "{}").header("X-TC-Version", null);

        assertThat(raw().send(call).errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void unknownActionIsInvalidAction() {
        assertThat(errorCode("CreateInvoker", "{}")).isEqualTo("InvalidAction");
        assertThat(emu.received("CreateInvoker")).isEqualTo(1);
    }

    @Test
    void missingRegionIsMissingParameter() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("DescribeCommands", "{}").header("X-TC-Region", null);

        assertThat(raw().send(call).errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void unknownRegionIsUnsupportedRegion() {
        assertThat(errorCode(sdk(new com.tencentcloudapi.common.Credential(SECRET_ID, SECRET_KEY), "mars-north-1"),
                "DescribeCommands", "{}")).isEqualTo("UnsupportedRegion");
    }

    @Test
    void addedRegionIsServed() throws Exception {
        emu.addRegion("ap-mumbai");

        JsonNode response = call(sdk(new com.tencentcloudapi.common.Credential(SECRET_ID, SECRET_KEY), "ap-mumbai"),
                "DescribeCommands", "{}");

        assertThat(response.get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void bodyThatIsNotJsonIsInvalidParameter() throws Exception {
        assertThat(raw().send("DescribeCommands", "Limit=1").errorCode()).isEqualTo("InvalidParameter");
    }

    @Test
    void bodyThatIsAJsonArrayIsInvalidParameter() throws Exception {
        assertThat(raw().send("DescribeCommands", "[]").errorCode()).isEqualTo("InvalidParameter");
    }

    @Test
    void emptyBodyCountsAsEmptyObject() throws Exception {
        assertThat(raw().send("DescribeCommands", "").response().get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void unknownBodyFieldIsUnknownParameter() {
        assertThat(errorCode("DescribeCommands", json("{'Limit':1,'Colour':'red'}"))).isEqualTo("UnknownParameter");
    }

    @Test
    void wrongJsonTypeIsInvalidParameter() {
        assertThat(errorCode("DescribeCommands", json("{'Limit':'1'}"))).isEqualTo("InvalidParameter");
    }

    @Test
    void successIsHttp200JsonWithRequestIdLast() throws Exception {
        RawTatClient.Reply reply = raw().send("DescribeCommands", "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.body()).startsWith("{\"Response\":{\"TotalCount\":1,").endsWith("\"}}");
        assertThat(reply.response().get("RequestId").asText()).hasSize(36);
    }

    @Test
    void acceptsAbsoluteFormRequestLineAndChunkedBody() throws Exception {
        // What an HTTP client sends to a proxy (docs/dev/protocol.md §6 option B), with a chunked body.
        String request = signedDescribeCommands("http://tat.tencentcloudapi.com/", "Transfer-Encoding: chunked",
                "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n");

        String response = exchange(request);

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n")
                .contains("\"TotalCount\":1");
    }

    @Test
    void connectionsKeptOpenServeOneRequestAfterAnother() throws Exception {
        emu.keepConnectionsOpen(true);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emu.port())) {
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(signedDescribeCommands().getBytes(StandardCharsets.ISO_8859_1));
                String response = readResponse(socket.getInputStream());

                assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("Connection: close")
                        .contains("\"TotalCount\":1");
            }
        }
        assertThat(emu.received("DescribeCommands")).isEqualTo(2);
    }

    @Test
    void byDefaultEachConnectionServesOneRequest() throws Exception {
        assertThat(exchange(signedDescribeCommands())).contains("Connection: close\r\n").contains("\"TotalCount\":1");
    }

    private static String signedDescribeCommands() {
        return signedDescribeCommands("/", "Content-Length: 2", "{}");
    }

    /** DescribeCommands of body {@code {}}, signed, to {@code target}, its body framed as given. */
    private static String signedDescribeCommands(String target, String framing, String wireBody) {
        long timestamp = Instant.now().getEpochSecond();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String authorization = TestTc3Signer.authorization(SECRET_ID, SECRET_KEY, "tat", timestamp,
                TestTc3Signer.utcDate(timestamp), Map.of("content-type", "application/json", "host", "tat.tencentcloudapi.com"),
                body);
        return "POST " + target + " HTTP/1.1\r\n"
                + "Host: tat.tencentcloudapi.com\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "X-TC-Action: DescribeCommands\r\n"
                + "X-TC-Version: 2020-10-28\r\n"
                + "X-TC-Region: ap-guangzhou\r\n"
                + "X-TC-Timestamp: " + timestamp + "\r\n"
                + framing + "\r\n"
                + "\r\n"
                + wireBody;
    }

    /** One response of known length, read without waiting for the connection to close. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("closed inside the head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+)\r\n.*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void malformedRequestLineIsHttp400() throws Exception {
        assertThat(exchange("HELLO\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void otherMethodIsUnsupportedProtocol() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emu.endpoint() + "/")).GET().build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"Code\":\"UnsupportedProtocol\"");
    }

    @Test
    void jdkClientNotPinnedToHttp11StillGetsAnHttp11Answer() throws Exception {
        // Without .version(HTTP_1_1) the JDK client offers an h2c upgrade; the emulator ignores it.
        HttpClient unpinned = HttpClient.newHttpClient();

        RawTatClient.Reply reply = new RawTatClient(emu, unpinned).send("DescribeCommands", "{}");

        assertThat(reply.errorCode()).isNull();
        assertThat(emu.requests().get(0).headers()).containsKey("upgrade");
    }

    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emu.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
