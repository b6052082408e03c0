package dev.incidentbot.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Speaks HTTP/1.1 over a plain socket for what the JDK client cannot do reliably: announce a huge body and
 * read the server's answer before sending it (the JDK 17 client hangs on Expect: 100-continue refusals).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends only the request head declaring {@code contentLength} bytes and returns the status the server answers. */
    public static int statusForDeclaredLength(int port, String path, long contentLength, String... headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
