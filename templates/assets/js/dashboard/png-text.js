/* Texts in a PNG: tEXt chunks (keyword, Latin-1 text, CRC-32) written into the bytes that
   canvas.toBlob gave, so that a saved picture carries its words (see picture.js). */
(function () {
  "use strict";

  var KTS = window.KTS;

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  /** The CRC-32 of bytes (as PNG chunks carry it). */
  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /** text in Latin-1, as tEXt holds it: typographic signs as their plain forms. */
  function latin1(text) {
    var plain = text.replace(/[„“”]/g, "\"").replace(/[‚‘’]/g, "'").replace(/[–—]/g, "-")
      .replace(/→/g, "->").replace(/…/g, "...");
    var out = [];
    for (var i = 0; i < plain.length; i++) {
      var code = plain.charCodeAt(i);
      out.push(code < 256 ? code : 63); // "?"
    }
    return out;
  }

  /** One tEXt chunk: length, type, keyword NUL text, CRC. */
  function textChunk(key, text) {
    var body = [116, 69, 88, 116].concat(latin1(key), [0], latin1(text)); // "tEXt"
    var n = body.length - 4, crc = crc32(body);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].concat(body,
      [crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255]);
  }

  /** The PNG png with the chunks of entries [key, text] after its header (IHDR). */
  KTS.pngWithText = function (png, entries) {
    var after = 8 + 25; // the signature and IHDR (13 bytes of data in 25)
    var chunks = [];
    entries.forEach(function (e) { chunks = chunks.concat(textChunk(e[0], e[1])); });
    var out = new Uint8Array(png.length + chunks.length);
    out.set(png.subarray(0, after), 0);
    out.set(chunks, after);
    out.set(png.subarray(after), after + chunks.length);
    return out;
  };
})();
