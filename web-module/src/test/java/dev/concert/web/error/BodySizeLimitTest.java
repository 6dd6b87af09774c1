package dev.concert.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getLength()).thenReturn(BodySizeLimit.MAX_BYTES + 1);
        assertThatThrownBy(() -> new BodySizeLimit().filter(request))
                .isInstanceOfSatisfying(WebApplicationException.class,
                        e -> assertThat(e.getResponse().getStatus()).isEqualTo(413));
    }

    @Test
    void aBodyAtTheLimitIsReadWhole() throws Exception {
        InputStream in = new BodySizeLimit.CountingStream(new ByteArrayInputStream(new byte[BodySizeLimit.MAX_BYTES]));
        assertThat(in.readAllBytes()).hasSize(BodySizeLimit.MAX_BYTES);
    }

    @Test
    void anUndeclaredBodyIsCutOffOneByteOverTheLimit() {
        InputStream in = new BodySizeLimit.CountingStream(new ByteArrayInputStream(new byte[BodySizeLimit.MAX_BYTES + 1]));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PayloadTooLargeException.class);
    }
}
