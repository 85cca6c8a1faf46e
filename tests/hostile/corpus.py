"""Hostile input, kept in one place: what an attacker or a broken client sends.

`VALUES` are texts put into every query parameter (and path segment) an endpoint reads,
percent-encoded as a browser would. `RAW_QUERIES` are whole query strings that cannot be
built from texts: broken percent-encodings, invalid UTF-8, thousands of parameters.
`RAW_PATHS` are addresses that attack the path itself.
"""

VALUES = [
    # Control characters: PostgreSQL cannot store a NUL, search engines choke on them.
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x1f",
    "\x7f",
    "line\r\nSet-Cookie: injected=1",
    # Size: about 500 search words, and a 20,000-character string.
    " ".join(["protection"] * 500),
    "x" * 20_000,
    # Numbers where a page, offset, limit or id is expected.
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "3.5",
    "1e308",
    "NaN",
    "0x10",
    "abc",
    "",
    # Search syntax of SQL, Elasticsearch's query_string and Lucene.
    '"',
    "(",
    "((((",
    "~",
    "*",
    "\\",
    "OR AND",
    "AND OR NOT",
    "title:protection",
    "protection~2^10",
    "[a TO z]",
    "{!lucene}x",
    '{"query": {"match_all": {}}}',
    "/prot.*/",
    "'; DROP TABLE wagtailcore_page; --",
    "%",
    "%_%",
    # Markup and addresses.
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "//evil.example/",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    # Unicode that is valid but odd: direction marks, zero width, astral, Arabic, CJK.
    "\u202ehidden\u202c",
    "\u200f\u200e\ufeff",
    "😀🛡️",
    "𝐩𝐫𝐨𝐭𝐞𝐜𝐭𝐢𝐨𝐧",
    "كيف أحمي الأطفال",
    "人" * 300,
    # Unknown or malformed language codes where a language is expected.
    "xx",
    "zz-hans",
    "en_US",
]

RAW_QUERIES = [
    "&".join(f"p{number}=1" for number in range(3000)),  # thousands of parameters
    "&".join(["q=protection"] * 150),  # one parameter repeated
    "page=1&page=abc&page=-1&page=99999999999999999999",
    "q[]=x&q[a]=y&themes[]=1",
    "=&&&=x&&",
    "q=%ED%A0%80",  # an unpaired surrogate, encoded
    "q=%ED%B0%80protection",
    "q=%FF%FE%FD",  # not UTF-8
    "q=%C0%AF",  # overlong encoding of "/"
    "q=%E2%82",  # truncated UTF-8
    "q=%",
    "q=%zz%",
    "%ED%A0%80=%FF",
    "q=a+b&q=&q=%00",
]

RAW_PATHS = [
    "/en/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/en/..%2f..%2f..%2fetc%2fpasswd",
    "/en/" + "a" * 3000 + "/",
    "/en/" + "/".join(["deep"] * 200) + "/",
    "/en/%ED%A0%80/",
    "/en/%FF%FE/",
    "/en/%00/",
    "/xx/",
    "/zz-hans/search/",
    "/en-us/",
    "/%00/",
    "/en/search/%00",
    "/en/api/v2/pages/abc/",
    "/en/api/v2/pages/99999999999999999999/",
    "/en/api/v2/pages/-1/",
    "/documents/99999999999999999999/x.pdf",
    "/documents/abc/x.pdf",
    "/documents/1/" + "..%2f" * 10 + "etc%2fpasswd",
    "/media/../../etc/passwd",
    "/media/%2e%2e/%2e%2e/etc/passwd",
]
