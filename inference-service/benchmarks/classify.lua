-- wrk script: POST the image in $IMAGE to /classify with the key in $API_KEY (see wrk.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "image/jpeg"
wrk.headers["X-API-Key"] = os.getenv("API_KEY")
local f = assert(io.open(os.getenv("IMAGE"), "rb"))
wrk.body = f:read("*all")
f:close()
