package dev.concert.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real network clients of the status streams: a Server-Sent Events reader and a WebSocket. */
final class Streams {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Streams() {
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** An open text/event-stream; lines are read by the HTTP client's own thread. */
    static final class EventStream implements AutoCloseable {
        final int status;
        final String contentType;
        final String retryAfter;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final Stream<String> body;

        EventStream(URI uri, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            body = response.body();
            Thread reader = new Thread(() -> {
                try {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // closed by close()
                } finally {
                    ended.complete(null);
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The data of the next event named {@code status}, waiting at most {@code seconds}. */
        JsonObject nextStatus(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            boolean named = false;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("event: status")) {
                    named = true;
                } else if (named && line.startsWith("data:")) {
                    return json(line.substring(5).strip());
                }
            }
            throw new AssertionError("no status event within " + seconds + " s");
        }

        /** Whether the server ended the stream within {@code seconds}. */
        boolean endsWithin(int seconds) throws Exception {
            try {
                ended.get(seconds, TimeUnit.SECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                return false;
            }
        }

        @Override
        public void close() {
            body.close();
        }
    }

    /** A WebSocket client that keeps every text message and the close code. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Socket(URI uri) throws Exception {
            socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, this).get(20, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }

        String next(int seconds) throws InterruptedException {
            String message = messages.poll(seconds, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no WebSocket message within " + seconds + " s");
            }
            return message;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
