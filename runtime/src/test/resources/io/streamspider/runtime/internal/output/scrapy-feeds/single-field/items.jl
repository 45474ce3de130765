{"only": ""}
{"only": "x y"}
{"only": null}
{"only": " leading space"}
{"only": "semi;colon", "other": "dropped"}
