# Small production image: `vraagbaak run`, non-root, with a health check.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot bot
COPY handlers handlers
COPY knowledge knowledge
COPY schedules schedules
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
# Word lists for "who knows": a correct Dutch, English or German word is never taken for a typo.
RUN apt-get update && apt-get install -y --no-install-recommends wdutch wbritish wngerman \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 vraagbaak
COPY --from=build /install /usr/local
USER vraagbaak
WORKDIR /home/vraagbaak
# The defaults keep data (SQLite, Matrix keys, mail) in /home/vraagbaak/vraagbaak-data.
RUN mkdir /home/vraagbaak/vraagbaak-data
# Redaction's list of given names, filtered by the word lists, is built once into ~/.cache.
RUN python -c "from bot.redaction.given_names import given_names; given_names()"
VOLUME /home/vraagbaak/vraagbaak-data
ENV VRAAGBAAK_CONFIG=/etc/vraagbaak/vraagbaak.toml \
    VRAAGBAAK_MAIL__SMTP_HOST=0.0.0.0
# 8080 health, 2525 SMTP intake, 3000 Slack Events API (HTTP mode)
EXPOSE 8080 2525 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4).status == 200 else 1)"
CMD ["vraagbaak", "run", "--health-host", "0.0.0.0", "--health-port", "8080"]
