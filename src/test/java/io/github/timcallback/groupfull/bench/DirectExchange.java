package io.github.timcallback.groupfull.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;

/**
 * A request and a response that drive a servlet directly, without a container, reusable across
 * calls so that the benchmark counts only what the servlet itself allocates. Only what the
 * receiver calls is implemented; anything else fails loudly.
 */
public final class DirectExchange {

    final Request request;
    final Response response = new Response();

    public DirectExchange(String method, String query, byte[] body) {
        request = new Request(method, query, body);
    }

    /** Serves this exchange with {@code servlet}; the answer's status. */
    public int serve(jakarta.servlet.Servlet servlet) throws Exception {
        reset();
        servlet.service(request, response);
        return response.status;
    }

    /** Ready for the next call: body unread, answer empty. */
    DirectExchange reset() {
        request.in.position = 0;
        response.status = 0;
        response.written = 0;
        return this;
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    static final class Request extends HttpServletRequestWrapper {
        private final String method;
        private final String query;
        private final Body in;

        Request(String method, String query, byte[] body) {
            super(unsupported(HttpServletRequest.class));
            this.method = method;
            this.query = query;
            this.in = new Body(body);
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public boolean isAsyncSupported() {
            return false;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getHeader(String name) {
            return null;
        }

        @Override
        public long getContentLengthLong() {
            return in.bytes.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            return in;
        }
    }

    static final class Body extends ServletInputStream {
        final byte[] bytes;
        int position;

        Body(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return position >= bytes.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        int status;
        long written;
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                written++;
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                written += length;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }
    }
}
