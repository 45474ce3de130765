{"ints": [1, 2], "floats": [0.5, 2.25], "flag": false, "num": 1.5, "neg": -7, "text": "a \"b\" c"}
{"ints": [], "floats": [10], "flag": true, "num": 100, "neg": 0.25, "text": "x\r\ny"}
