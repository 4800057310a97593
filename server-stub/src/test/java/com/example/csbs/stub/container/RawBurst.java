package com.example.csbs.stub.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many requests at once from one thread and one selector, on connections opened beforehand: a client
 * light enough that the stub, not the client, is what a burst measures (the JDK's HttpClient spends
 * seconds and hundreds of megabytes on 2,000 connections).
 */
final class RawBurst implements AutoCloseable {

    /** One exchange's outcome: status code, and milliseconds from the burst's start to the whole answer. */
    record Answer(int status, long millis, String body) {
    }

    private final Selector selector;
    private final List<SocketChannel> connections = new ArrayList<>();

    RawBurst(URI base, int connections) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
            channel.configureBlocking(false);
            this.connections.add(channel);
        }
    }

    /** Sends the raw request once on every connection at once; waits for every whole answer (Content-Length). */
    List<Answer> send(String rawRequest, long timeoutMillis) throws IOException {
        byte[] request = rawRequest.getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        List<Exchange> exchanges = new ArrayList<>();
        for (SocketChannel channel : connections) {
            Exchange exchange = new Exchange(ByteBuffer.wrap(request));
            exchanges.add(exchange);
            channel.register(selector, SelectionKey.OP_WRITE, exchange);
        }
        int open = exchanges.size();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (open > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new IOException(open + " of " + exchanges.size() + " answers missing after " + timeoutMillis + " ms");
            }
            selector.select(left);
            for (SelectionKey key : selector.selectedKeys()) {
                Exchange exchange = (Exchange) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                if (key.isWritable()) {
                    channel.write(exchange.request);
                    if (!exchange.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    ByteBuffer buffer = ByteBuffer.allocate(8192);
                    if (channel.read(buffer) < 0) {
                        throw new IOException("the stub closed a connection before answering");
                    }
                    exchange.received.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
                    if (exchange.complete()) {
                        exchange.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        key.interestOps(0);
                        open--;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        return exchanges.stream().map(Exchange::answer).toList();
    }

    static long[] sortedMillis(List<Answer> answers) {
        long[] millis = answers.stream().mapToLong(Answer::millis).toArray();
        Arrays.sort(millis);
        return millis;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : connections) {
            channel.close();
        }
        selector.close();
    }

    private static final class Exchange {
        final ByteBuffer request;
        final StringBuilder received = new StringBuilder();
        long millis;

        Exchange(ByteBuffer request) {
            this.request = request;
        }

        boolean complete() {
            int headEnd = received.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return false;
            }
            String head = received.substring(0, headEnd).toLowerCase();
            int at = head.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 15, head.indexOf('\r', at) < 0
                    ? head.length() : head.indexOf('\r', at)).trim());
            return received.length() >= headEnd + 4 + length;
        }

        Answer answer() {
            int headEnd = received.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(received.substring(9, 12)), millis, received.substring(headEnd + 4));
        }
    }
}
