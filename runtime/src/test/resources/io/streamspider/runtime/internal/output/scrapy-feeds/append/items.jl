{"name": "Café crème", "price": 12.5, "count": 3, "in_stock": true, "tags": ["a", "b,c"], "note": null}
{"name": "Line\nbreak, \"quoted\"", "count": 4, "extra": "not in the CSV header", "price": 0.1, "tags": []}
{"name": "日本語 😀", "price": -3, "count": 12345678901234, "in_stock": false, "tags": ["x"], "note": "tab\there", "sizes": [1, 2, 3]}
{"nested": {"k": "v", "n": [1, 2]}, "name": "", "count": 0}
{"title": "second run", "name": "ünïcödé"}
{"name": "plain", "title": "another"}
