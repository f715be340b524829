-- wrk script: POST the image in $IMAGE to /classify (see wrk.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "image/jpeg"
local f = assert(io.open(os.getenv("IMAGE"), "rb"))
wrk.body = f:read("*all")
f:close()
