package io.labelstream.platform.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitedInputStreamTest {

    @Test
    void aStreamOfExactlyTheLimitIsReadWhole() throws IOException {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100);
        assertThat(in.readAllBytes()).hasSize(100);
    }

    @Test
    void oneByteMoreFailsNamingTheLimitWhicheverWayItIsRead() {
        assertThatThrownBy(() -> new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100).readAllBytes())
                .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("100 bytes");
        assertThatThrownBy(() -> {
            InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);
            while (in.read() >= 0) {
                // byte by byte
            }
        }).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> {
            InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);
            in.skip(60);
            in.skip(60);
        }).isInstanceOf(BodyTooLargeException.class);
    }
}
