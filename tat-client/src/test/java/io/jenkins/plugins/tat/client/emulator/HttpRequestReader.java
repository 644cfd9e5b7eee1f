package io.jenkins.plugins.tat.client.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 request from a connection: request line, header block, then a body framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}. Hand-written because the emulator
 * must control the socket itself (to drop a connection without answering, see
 * {@link LoopbackHttpServer}).
 */
final class HttpRequestReader {

    /** TC3-signed POST bodies may be up to 10 MB (docs/dev/protocol.md §1, "Size limits"). */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    /** The request could not be read as HTTP/1.1; the server answers with {@code status}. */
    static final class BadRequestException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequestException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private HttpRequestReader() {}

    /**
     * Reads the next request.
     *
     * @param in the connection's input, buffered
     * @param out the connection's output, used only to answer {@code Expect: 100-continue}
     * @return the request, or {@code null} if the peer closed the connection before sending one
     */
    static RawHttpRequest read(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException(400, "malformed request line: " + requestLine);
        }
        List<RawHttpRequest.Header> headers = readHeaders(in);
        RawHttpRequest headOnly = new RawHttpRequest(parts[0], parts[1], headers, new byte[0]);

        if (headOnly.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = readBody(in, headOnly);
        return new RawHttpRequest(parts[0], parts[1], headers, body);
    }

    private static List<RawHttpRequest.Header> readHeaders(InputStream in) throws IOException {
        List<RawHttpRequest.Header> headers = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new BadRequestException(400, "connection closed inside the header block");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new BadRequestException(400, "malformed header line: " + line);
            }
            // RFC 9110 §5.5: leading and trailing whitespace is not part of the field value.
            headers.add(new RawHttpRequest.Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
    }

    private static byte[] readBody(InputStream in, RawHttpRequest head) throws IOException {
        String transferEncoding = head.header("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (transferEncoding.contains("chunked")) {
            return readChunked(in);
        }
        String contentLength = head.header("Content-Length").orElse(null);
        if (contentLength == null) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(400, "malformed Content-Length: " + contentLength);
        }
        if (length < 0) {
            throw new BadRequestException(400, "negative Content-Length: " + contentLength);
        }
        if (length > MAX_BODY_BYTES) {
            throw new BadRequestException(413, "body of " + length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        return readExactly(in, (int) length);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new BadRequestException(400, "connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequestException(400, "malformed chunk size: " + sizeLine);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                throw new BadRequestException(413, "chunked body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                readHeaders(in); // trailers, ignored
                return body.toByteArray();
            }
            body.write(readExactly(in, size));
            readLine(in); // the CRLF after each chunk
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new BadRequestException(400, "body ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** A CRLF- (or bare LF-) terminated ISO-8859-1 line without its terminator; null at EOF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new BadRequestException(400, "line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new BadRequestException(400, "connection closed inside a line");
    }
}
