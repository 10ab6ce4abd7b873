//! The codecs between `str` and `bytes` (UTF-8, ASCII, Latin-1) for `str.encode`,
//! `bytes.decode` and `bytes(s, encoding)`, with CPython's error messages.

use super::bytes::new;
use super::value::Value;
use super::vm::{PyResult, Vm};

/// The codec an encoding's name stands for.
#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

fn codec(vm: &Vm, encoding: Option<&str>) -> PyResult<Codec> {
    let Some(name) = encoding else {
        return Ok(Codec::Utf8);
    };
    match name.to_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" | "u8" => Ok(Codec::Utf8),
        "ascii" | "us-ascii" => Ok(Codec::Ascii),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Ok(Codec::Latin1),
        _ => Err(vm.error("LookupError", format!("unknown encoding: {name}"))),
    }
}

/// `s.encode(encoding)`.
pub fn encode(vm: &Vm, s: &str, encoding: Option<&str>) -> PyResult<Value> {
    let codec = codec(vm, encoding)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(new(s.as_bytes().to_vec())),
        Codec::Ascii => 128,
        Codec::Latin1 => 256,
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match u8::try_from(u32::from(c)) {
            Ok(b) if u32::from(b) < limit => out.push(b),
            _ => {
                return Err(vm.error(
                    "UnicodeEncodeError",
                    format!(
                        "'{}' codec can't encode character {} in position {i}: ordinal not in range({limit})",
                        codec.name(),
                        super::format::str_repr(&c.to_string())
                    ),
                ))
            }
        }
    }
    Ok(new(out))
}

/// `data.decode(encoding)`.
pub fn decode(vm: &Vm, data: &[u8], encoding: Option<&str>) -> PyResult<Value> {
    match codec(vm, encoding)? {
        Codec::Utf8 => match std::str::from_utf8(data) {
            Ok(s) => Ok(Value::str(s)),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = data.get(at).copied().unwrap_or(0);
                let message = match e.error_len() {
                    None if data.len() - at > 1 => format!(
                        "'utf-8' codec can't decode bytes in position {at}-{}: unexpected end of data",
                        data.len() - 1
                    ),
                    None => format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: unexpected end of data"
                    ),
                    Some(_) if (0x80..=0xc1).contains(&byte) || byte >= 0xf5 => format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: invalid start byte"
                    ),
                    Some(_) => format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: invalid continuation byte"
                    ),
                };
                Err(vm.error("UnicodeDecodeError", message))
            }
        },
        Codec::Ascii => match data.iter().position(|b| *b >= 128) {
            Some(at) => Err(vm.error(
                "UnicodeDecodeError",
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {at}: ordinal not in range(128)",
                    data.get(at).copied().unwrap_or(0)
                ),
            )),
            None => Ok(Value::str(&data.iter().map(|&b| char::from(b)).collect::<String>())),
        },
        Codec::Latin1 => Ok(Value::str(
            &data.iter().map(|&b| char::from(b)).collect::<String>(),
        )),
    }
}
