"""Concepts/error-handling.md (with commands/throw.md, last-errors.md,
on-err-call.md, assert.md): error handlers, the Error system variables,
Try(expression), Try...Catch...End try, throw and deferred errors, the
error stack."""
from fourd.runtime.errors import Codes


def test_on_err_call_runs_the_handler_and_resumes(fourd):
    fourd.method("errorMethod", """
         If(Error#1006) //this is not a user interruption
            ALERT("The error "+String(Error)+" occurred. The code in question is: \\""+Error formula+"\\"")
         End if""")
    assert fourd.alerts("""
        ON ERR CALL("errorMethod")
        $x:=1\\0
        ALERT("after")
        ON ERR CALL("")""") == [
        "The error -20011 occurred. The code in question is: \"$x:=1\\0\"", "after"]


def test_error_method_and_line(fourd):
    fourd.method("handler", """
        ALERT(Error method+":"+String(Error line)+":"+String(Error))""")
    fourd.method("failing", """
        var $c : Collection
        // line 3 fails
        throw(123; "boom")""")
    assert fourd.alerts("""
        ON ERR CALL("handler")
        failing""") == ["failing:3:123"]


def test_empty_error_handler_and_the_error_variable(fourd):
    fourd.method("emptyMethod", "")
    assert fourd.alerts("""
        ON ERR CALL("emptyMethod")
        throw(-43; "File not found")
        If (Error=-43)
        	ALERT("File not found.")
        End if
        ON ERR CALL("")""") == ["File not found."]


def test_method_called_on_error_and_scopes(fourd):
    fourd.method("IO_Errors", "")
    fourd.method("NewMethod", "")
    assert fourd.run("""
         ON ERR CALL("IO_Errors";ek local)
         $methCurrent:=Method called on error(ek local)
         ON ERR CALL("NewMethod";ek local)
         $during:=Method called on error
         ON ERR CALL($methCurrent;ek local)
         var $r:=[$methCurrent; $during; Method called on error(ek local)]
         ON ERR CALL("";ek local)
         ON ERR CALL("IO_Errors";ek global)
         $r.push(Method called on error(ek global))
         $r.push(Method called on error(ek local))
         ON ERR CALL("";ek global)
         return $r""").value == ["IO_Errors", "NewMethod", "IO_Errors", "IO_Errors", ""]


def test_global_handler(fourd):
    fourd.method("globalHandler", 'ALERT("global "+String(Error))')
    assert fourd.alerts("""
        ON ERR CALL("globalHandler";ek global)
        throw(7)
        ON ERR CALL("";ek global)""") == ["global 7"]


def test_local_handler_takes_precedence_over_the_global_one(fourd):
    fourd.method("globalHandler", 'ALERT("global")')
    fourd.method("localHandler", 'ALERT("local")')
    assert fourd.alerts("""
        ON ERR CALL("globalHandler";ek global)
        ON ERR CALL("localHandler")
        throw(7)
        ON ERR CALL("")
        ON ERR CALL("";ek global)""") == ["local"]


def test_last_errors_in_a_handler(fourd):
    fourd.method("handler", """
        $e:=Last errors[0]
        ALERT(String($e.errCode)+" "+$e.message+" "+$e.componentSignature)""")
    assert fourd.alerts("""
        ON ERR CALL("handler")
        throw(50042; "This is a custom error")""") == ["50042 This is a custom error host"]


def test_try_expression_returns_undefined_on_error(fourd):
    assert fourd.run("""
        $ok:=Try(1+1)
        $failed:=Try(1\\0)
        return [$ok; Undefined($failed); Last errors[0].errCode]""").value == [2, True, Codes.DIVISION_BY_ZERO]


def test_try_expression_ignores_the_error_handler(fourd):
    fourd.method("handler", 'ALERT("handler")')
    assert fourd.alerts("""
        ON ERR CALL("handler")
        $r:=Try(1\\0)
        ALERT("no dialog")""") == ["no dialog"]


def test_try_divide_example(fourd):
    fourd.cls("Calc", """
        function divide( $p1: real; $p2: real)-> $result: real
          if ($p2=0)
             $result:=0 //only for clarity (0 is the default for reals)
             throw(-12345; "Division by zero")
          else
            $result:=$p1/$p2
          end if

        function test($p1 : Real; $p2 : Real) -> $r : Text
          $result:=Try(This.divide($p1;$p2))
          If (Last errors # null)
            $r:="Error"
          Else
            $r:=String($result)
          End if""")
    assert fourd.value("[cs.Calc.new().test(6; 3); cs.Calc.new().test(1; 0)]") == ["2", "Error"]


def test_try_expression_with_or(fourd):
    fourd.method("readText", """
        #DECLARE($fail : Boolean) -> $t : Text
        If ($fail)
          throw(1; "cannot read")
        End if
        $t:="contents" """)
    assert fourd.value('[Try(readText(False)) || "Error reading the file"; '
                       'Try(readText(True)) || "Error reading the file"]') == [
        "contents", "Error reading the file"]


def test_nested_try_returns_to_the_latest(fourd):
    fourd.method("inner", """
        #DECLARE() -> $r : Text
        $r:="inner "+String(Try(1\\0))
        throw(2; "outer error")""")
    assert fourd.run("""
        $v:=Try(inner)
        return [Undefined($v); Last errors[0].errCode]""").value == [True, 2]


def test_try_catch(fourd):
    assert fourd.alerts("""
        Try
          ALERT("before")
          throw(99; "stop")
          ALERT("not executed")
        Catch
          ALERT("caught "+String(Last errors[0].errCode)+": "+Last errors[0].message)
        End try
        ALERT("after")""") == ["before", "caught 99: stop", "after"]


def test_try_without_error_skips_catch(fourd):
    assert fourd.alerts("""
        Try
          ALERT("ok")
        Catch
          ALERT("catch")
        End try""") == ["ok"]


def test_try_catch_of_an_error_in_a_called_method(fourd):
    fourd.method("createInvoice", """
        #DECLARE($items : Collection) -> $invoice : Object
        $invoice:={lines: []}
        Try
          For each ($item; $items)
            If ($item.amount<0)
              throw({errCode: 1000; message: "negative amount {amount}"; amount: $item.amount})
            End if
            $invoice.lines.push($item)
          End for each
        Catch
          $invoice:=Null
          <>logged:=Last errors
        End try
        return $invoice""")
    assert fourd.run("""
        $good:=createInvoice([{amount: 1}; {amount: 2}])
        $bad:=createInvoice([{amount: 1}; {amount: -2}])
        return [$good.lines.length; $bad; <>logged[0].message; <>logged[0].amount]""").value == [
        2, None, "negative amount -2", -2]


def test_handler_installed_in_the_try_block_is_called(fourd):
    fourd.method("handler", 'ALERT("handler "+String(Error))')
    assert fourd.alerts("""
        Try
          ON ERR CALL("handler")
          throw(5)
          ALERT("resumed")
        Catch
          ALERT("catch")
        End try
        ON ERR CALL("")""") == ["handler 5", "resumed"]


def test_throw_examples(fourd):
    assert fourd.run("""
        var $r:=[]
        Try
          var $code : Integer
          var $description : text
          $code:=50042 //Custom code
          $description:="This is a custom error"
          throw($code ;$description)
        Catch
          $r.push(Last errors[0])
        End try
        Try
          throw({errCode: 1; message: "This an error"})
        Catch
          $r.push(Last errors[0])
        End try
        Try
          throw({errCode: 1})
        Catch
          $r.push(Last errors[0])
        End try
        Try
          throw({message: "This an error"})
        Catch
          $r.push(Last errors[0])
        End try
        Try
          throw(12)
        Catch
          $r.push(Last errors[0])
        End try
        return $r.map(Formula([$1.value.errCode; $1.value.message; $1.value.componentSignature]))""").value == [
        [50042, "This is a custom error", "host"], [1, "This an error", "host"],
        [1, "Error code: 1 (host)", "host"], [-1, "This an error", "host"],
        [12, "Error code: 12 (host)", "host"]]


def test_throw_object_keeps_custom_properties(fourd):
    assert fourd.run("""
        Try
          throw({componentSignature: "xbox"; errCode: 600; message: "File {name} not found ({path})"; name: "myFileName"; path: "myFilePath"})
        Catch
          return Last errors[0]
        End try""").value == {"errCode": 600, "message": "File myFileName not found (myFilePath)",
                              "componentSignature": "xbox", "name": "myFileName", "path": "myFilePath"}


def test_deferred_error_is_raised_when_the_method_returns(fourd):
    fourd.method("validate", """
        throw({message: "first"; deferred: True})
        ALERT("still running")
        throw({errCode: 2; message: "second"; deferred: True})
        ALERT("end of method")""")
    result = fourd.run("""
        Try
          validate
          ALERT("not reached")
        Catch
          ALERT(Last errors.map(Formula($1.value.message)).join(", "))
        End try""")
    assert result.output == ["still running", "end of method", "first, second"]


def test_deferred_error_thrown_directly_in_a_try_block_does_not_run_catch(fourd):
    fourd.method("direct", """
        Try
          throw({message: "deferred"; deferred: True})
          ALERT("try block goes on")
        Catch
          ALERT("catch")
        End try
        ALERT("end of method")""")
    assert fourd.run("""
        Try
          direct
        Catch
          ALERT("caller catches "+Last errors[0].message)
        End try""").output == ["try block goes on", "end of method", "caller catches deferred"]


def test_uncaught_deferred_error_points_at_the_throw(fourd):
    fourd.method("thrower", """
        ALERT("a")
        throw({message: "late"; deferred: True})
        ALERT("b")""")
    error = fourd.error("thrower")
    assert (error.message, error.where[0], error.where[2]) == ("late", "thrower", 2)


def test_throw_without_parameters_rethrows_the_current_errors(fourd):
    fourd.method("handler", """
        throw""")
    fourd.method("work", """
        ON ERR CALL("handler")
        throw(77; "original")
        ON ERR CALL("")""")
    assert fourd.run("""
        Try
          work
        Catch
          ON ERR CALL("")
          return Last errors[0].errCode
        End try""").value == 77


def test_assert(fourd):
    error = fourd.error("""
        $x:=1
        ASSERT($x=2)""")
    assert error.code == -10518 and error.where[2] == 2
    error = fourd.error('ASSERT(False; "custom message")')
    assert (error.code, error.message) == (-10518, "Assert failed: custom message")  # assert.md, example 2
    assert fourd.value("Asserted(1=1)") is True


def test_uncaught_errors_are_located(fourd):
    fourd.cls("Person", """
        Function fail()
          $a:=1
          $b:=$a\\0""")
    error = fourd.error("""
        $p:=cs.Person.new()
        $p.fail()""")
    assert error.code == Codes.DIVISION_BY_ZERO
    assert error.where[0] == "Person.fail" and error.where[2] == 3
    assert error.where[1].endswith("Person.4dm")


def test_error_object_properties(fourd):
    assert fourd.run("""
        Try
          $c:=Null
          $c.push(1)
        Catch
          $e:=Last errors[0]
          return [Value type($e.errCode); Value type($e.message); $e.componentSignature]
        End try""").value == [1, 2, "4DRT"]
