#!/usr/bin/env python3
"""Where the stub's request threads spend their time, from a JFR recording: the share of execution
samples that have a frame of each component on their stack (inclusive, so shares overlap), and the
hottest methods by self time. Usage: profile-breakdown.py RECORDING.jfr (needs the JDK's jfr tool)."""
import collections
import re
import subprocess
import sys

COMPONENTS = [
    ("Jetty (HTTP parsing, I/O, dispatch)", "org.eclipse.jetty."),
    ("Jersey's Jetty container", "org.glassfish.jersey.jetty."),
    ("Jersey request pipeline (routing, filters, providers)", "org.glassfish.jersey."),
    ("HK2 injection", "org.jvnet.hk2."),
    ("Bean validation (Hibernate Validator)", "org.hibernate.validator."),
    ("Jackson (JSON read and write)", "com.fasterxml.jackson."),
    ("stub: backup store and operation", "com.example.csbs.stub.backup."),
    ("stub: HTTP plumbing (filters, guards)", "com.example.csbs.stub.http."),
    ("stub: container (timeouts, bodies, delays)", "com.example.csbs.stub.container."),
    ("java.net.URI", "java.net.URI."),
]

jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"
text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
inclusive = collections.Counter()
self_time = collections.Counter()
total = 0
for sample in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", sample, re.M)
    if not frames:
        continue
    total += 1
    self_time[frames[0]] += 1
    for label, prefix in COMPONENTS:
        if any(frame.startswith(prefix) for frame in frames):
            inclusive[label] += 1
print(f"{total} execution samples")
print("| component | share of samples (inclusive) |")
print("| --- | ---: |")
for label, _ in COMPONENTS:
    print(f"| {label} | {100 * inclusive[label] / max(total, 1):.1f} % |")
print("\nhottest methods (self):")
for method, count in self_time.most_common(12):
    print(f"  {100 * count / max(total, 1):5.1f} %  {method}")
