package org.offerdesk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies over {@code offerdesk.api.max-body-bytes} with 413, whether the client
 * declared the length or streamed the body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

  private final long maxBytes;
  private final ObjectMapper mapper;

  RequestSizeLimit(@Value("${offerdesk.api.max-body-bytes:1048576}") long maxBytes, ObjectMapper mapper) {
    this.maxBytes = maxBytes;
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(request, response);
      return;
    }
    try {
      chain.doFilter(new Limited(request, maxBytes), response);
    } catch (ServletException | HttpMessageNotReadableException e) {
      if (causedByLimit(e) && !response.isCommitted()) {
        response.reset();
        tooLarge(request, response);
        return;
      }
      throw e;
    } catch (BodyTooLarge e) {
      if (!response.isCommitted()) {
        response.reset();
        tooLarge(request, response);
        return;
      }
      throw e;
    }
  }

  private static boolean causedByLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLarge) {
        return true;
      }
    }
    return false;
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Problems.write(response, mapper, request, ProblemType.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + maxBytes + " bytes");
  }

  /** Thrown while reading a streamed body that grows past the limit. */
  static final class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("request body too large");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > max) {
              throw new BodyTooLarge();
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
