{"title": "second run", "name": "ünïcödé"}
{"name": "plain", "title": "another"}
